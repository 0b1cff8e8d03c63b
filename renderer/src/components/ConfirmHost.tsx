/** The question `askConfirm` asks, in the same dialog as an import's undo. */
import { useConfirm } from '../stores/confirm';
import { ImportConfirm } from './ImportConfirm';

export function ConfirmHost() {
  const request = useConfirm((s) => s.request);
  const answer = useConfirm((s) => s.answer);
  if (!request) return null;
  return <ImportConfirm title={request.title} text={request.text} confirmLabel={request.confirmLabel} onConfirm={() => answer(true)} onCancel={() => answer(false)} />;
}
