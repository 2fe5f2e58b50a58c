import type { CountryContext } from '../analysis/context.js';

/** `tip-atlas show`'s lines for the context panels (goods on the List, UNODC figures); none where there is no data. */
export function contextLines(c: CountryContext): string[] {
  const lines: string[] = [];
  if (c.goods) {
    lines.push('', `GOODS PRODUCED WITH FORCED OR CHILD LABOR (${c.goods.source.edition} List)`);
    for (const g of c.goods.items) lines.push(`  ${g.good.padEnd(24)} ${g.sector.padEnd(14)} ${g.kinds.join(', ')}`);
    lines.push(`  Source: ${c.goods.source.citation}, ${c.goods.source.url}`);
  }
  const u = c.unodc;
  if (u) {
    lines.push('', `UNODC FIGURES (by calendar year; "no data" is not zero; <5 is fewer than five)`);
    const width = Math.max(...u.series.map((s) => s.indicator.length));
    for (const s of u.series) {
      const cells = u.years.map((y, i) => `${y}: ${s.byYear[i]?.map((v) => v.value).join(' / ') ?? 'no data'}`);
      lines.push(`  ${s.indicator.padEnd(width)}  ${cells.join(' · ')}`);
    }
    for (const b of u.beside) {
      lines.push(`  ${b.year} ${b.indicator}: UNODC ${b.unodc.map((v) => v.value).join(' / ')}; the ${b.report.reportYear} report states ${b.report.valueText}`);
    }
    const folded = u.breakdowns.reduce((n, b) => n + b.bySexAge.length + b.byForm.length, 0);
    if (folded) lines.push(`  (${folded} rows by sex, age and form of exploitation: --json)`);
    lines.push(`  Source: ${u.source.citation}, ${u.source.url}`);
  }
  return lines;
}
