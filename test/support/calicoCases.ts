// Helpers for the Calico validator case tables: build a resource from plain values and ask whether it is rejected.
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { lint } from './validationHelpers';

/** A row of Calico's validator cases: accepted, or rejected with the code of the rule that rejects it. */
export type CalicoCase = {
  name: string;
  /** The manifest, as plain values turned into YAML. */
  doc: Record<string, unknown>;
} & ({ valid: true } | { valid: false; code: string });

export function resource(kind: string, name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}): Record<string, unknown> {
  const namespaced = kind === 'NetworkPolicy' || kind === 'StagedNetworkPolicy' || kind === 'NetworkSet';
  return { apiVersion: 'projectcalico.org/v3', kind, metadata: { name, ...(namespaced ? { namespace: 'default' } : {}), ...meta }, spec };
}

/** A namespaced policy holding one rule in the given direction. */
export function ruleIn(rule: Record<string, unknown>, direction: 'ingress' | 'egress' = 'ingress'): Record<string, unknown> {
  return resource('NetworkPolicy', 'thing', { selector: 'all()', [direction]: [rule] });
}

export function errorCodes(doc: Record<string, unknown>): string[] {
  return lint(stringify(doc)).filter((d) => d.severity === 'error').map((d) => d.code);
}

/** An accepted case has no error; a rejected one has at least the error its row names (others may come with it). */
export function assertCase(c: CalicoCase): void {
  const errors = errorCodes(c.doc);
  if (c.valid) assert.deepEqual(errors, [], 'expected no errors');
  else assert.ok(errors.includes(c.code), `expected ${c.code}, got ${errors.join(', ') || 'no error'}`);
}
