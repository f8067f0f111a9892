// Writes a labelled sample training file to follow docs/getting-started.md without data of your own.
// Run: node examples/make-loans-csv.mjs loans.csv [rows=5000]
import { writeFileSync } from 'node:fs';

const [out = 'loans.csv', rowsText = '5000'] = process.argv.slice(2);
const rows = Number(rowsText);
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31; // seeded: the same file every run

const lines = ['id,ts,income,debt,region,owner,default'];
for (let i = 0; i < rows; i++) {
  const income = Math.round(20 + 80 * random());
  const debt = Math.round(100 * random()) / 100;
  const region = ['north', 'south', 'east'][Math.floor(3 * random())];
  const owner = random() < 0.5;
  const logit = -0.05 * (income - 60) + 3 * (debt - 0.5) + (region === 'south' ? 1 : 0) - (owner ? 0.7 : 0);
  const label = random() < 1 / (1 + Math.exp(-logit)) ? 'yes' : 'no';
  const ts = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
  lines.push([i, ts, income, debt, region, owner, label].join(','));
}
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`wrote ${rows} rows to ${out}`);
