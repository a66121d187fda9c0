// The shape of the declarative schema: one FieldSpec tree per resource kind.

export type FieldType =
  | 'string' | 'number' | 'integer' | 'boolean' | 'selector' | 'enum' | 'object' | 'list' | 'map'
  | 'cidr' | 'port' | 'protocol' | 'int-or-string';

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** Hover text (Markdown). */
  doc: string;
  /** Enum values (case-sensitive). */
  values?: string[];
  /** How the default reads to a user. */
  default?: string;
  required?: boolean;
  /** For object, and for list-of-object (the item's fields). */
  fields?: FieldSpec[];
  /** For a list of scalars (the item), and for a map (the value of each entry). */
  items?: FieldSpec;
  /** Restrict to these resource kinds (e.g. namespaceSelector on GNP only). */
  kinds?: string[];
  /** Extra keys beyond `fields` are fine (Kubernetes metadata we do not describe). */
  open?: boolean;
  /** Only Calico Enterprise and Calico Cloud accept this field. */
  edition?: 'enterprise';
}
