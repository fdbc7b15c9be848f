import * as fs from 'fs';
import * as path from 'path';
import { CATALOG } from '../../src/validation/catalog';

/*
 * docs/constraints.md, generated from the catalog, and the coverage `npm test` prints. `--write` regenerates the page;
 * `--coverage` prints the coverage table.
 */

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Checked and unchecked entries per service. */
export function coverage(): Array<{ service: string; checked: number; unchecked: number }> {
  return CATALOG.map((s) => ({ service: s.service, checked: s.rules.length, unchecked: s.unchecked.length }));
}

export function catalogMarkdown(): string {
  const lines = [
    '# Constraints catalog',
    '',
    '<!-- Generated from src/validation/catalog.ts by `npx ts-node test/validation/catalog-doc.ts --write`; do not edit. -->',
    '',
    'Every AWS constraint on a resource this library emits, with its source: checked at synth by a rule (errors fail',
    '`cdk synth`, warnings are acknowledgeable with `cdk-cloudtrail-kit:<id>`), or not checkable at synth, with the reason.',
    '',
    '| service | checked at synth | not checkable at synth |',
    '| --- | --- | --- |',
    ...coverage().map((c) => `| ${c.service} | ${c.checked} | ${c.unchecked} |`),
    '',
  ];
  for (const section of CATALOG) {
    lines.push(`## ${section.service}`, '');
    lines.push('| id | resource | constraint | source | checked |', '| --- | --- | --- | --- | --- |');
    for (const rule of section.rules) {
      lines.push(
        `| \`${rule.id}\` | ${rule.resourceType ?? 'AWS::CloudTrail::Trail'} | ${cell(rule.constraint)} | ${cell(rule.source)} | ${rule.severity} |`,
      );
    }
    for (const entry of section.unchecked) {
      lines.push(
        `| \`${entry.id}\` | ${entry.resourceType} | ${cell(entry.constraint)} | ${cell(entry.source)} | no: ${cell(entry.unchecked)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (require.main === module) {
  if (process.argv.includes('--write')) {
    fs.writeFileSync(path.join(__dirname, '..', '..', 'docs', 'constraints.md'), catalogMarkdown());
  }
  if (process.argv.includes('--coverage')) {
    const rows = coverage();
    const total = rows.reduce((sum, r) => sum + r.checked + r.unchecked, 0);
    const checked = rows.reduce((sum, r) => sum + r.checked, 0);
    console.log(
      `Constraints catalog: ${total} constraints, ${checked} checked at synth, ${total - checked} not checkable at synth (each with its reason)`,
    );
    for (const r of rows) {
      console.log(
        `  ${r.service.padEnd(44)} ${String(r.checked).padStart(4)} checked ${String(r.unchecked).padStart(4)} not checkable`,
      );
    }
  }
}
