// Prints the validation tables of docs/model.md § 10 (between the validation markers).
import { validationMarkdown } from '../shared/model/validation';

console.log(validationMarkdown());
