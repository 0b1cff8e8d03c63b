/** Validation problems of a document (scenario, bid file), each with its JSON path. */
import type { FieldIssue } from '../../../shared/document/parse';
import { say } from '../i18n';

export function ProblemList({ issues }: { issues: FieldIssue[] }) {
  return (
    <ul className="problems" role="alert">
      {issues.map((i, k) => (
        <li key={k}>
          {i.path !== '(root)' && <code>{i.path}</code>} {say(i)}
        </li>
      ))}
    </ul>
  );
}
