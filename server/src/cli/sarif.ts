// SARIF 2.1.0 output for GitHub code scanning.
import { ruleCatalog, type CalicoDiagnostic } from '../validation';
import type { LineIndex } from '../document';

export interface SarifFileResult {
  /** Path relative to the working directory, forward slashes. */
  uri: string;
  lines: LineIndex;
  diagnostics: CalicoDiagnostic[];
}

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function toSarif(files: SarifFileResult[], toolVersion: string): object {
  const rules = ruleCatalog.map((r) => ({
    id: r.code,
    name: r.code.toLowerCase().replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    defaultConfiguration: { level: LEVEL[r.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap((f) =>
    f.diagnostics.map((d) => {
      const start = f.lines.positionAt(d.start);
      const end = f.lines.positionAt(Math.max(d.end, d.start));
      const result: Record<string, unknown> = {
        ruleId: d.code,
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: f.uri === '<stdin>' ? { uri: 'stdin' } : { uri: encodeURI(f.uri), uriBaseId: '%SRCROOT%' },
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
            },
          },
        ],
      };
      const ri = index.get(d.code);
      if (ri !== undefined) result.ruleIndex = ri;
      return result;
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'calico-policy', version: toolVersion, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
