import { runValidation, validationMarkdown } from './shared/model/validation';
for (const r of runValidation()) console.log(r.row.id.padEnd(34), Math.round(r.predicted), r.row.measured.toFixed(0), r.ratio.toFixed(2), r.batch, r.bound);
console.log(validationMarkdown());
