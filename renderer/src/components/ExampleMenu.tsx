/** "Open example": the shipped examples of one kind, opened through `onOpen` as if picked from disk. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExampleKind } from '../../../shared/contract/examples';
import { useExamples } from '../stores/examples';
import { toastDone, toastError } from '../stores/toast';

export function ExampleMenu({
  kind,
  onOpen,
  onTemplate,
}: {
  kind: ExampleKind;
  onOpen: (file: string, text: string) => Promise<unknown> | void;
  /** Offer "Download bid template" for each example too (the Bids page). */
  onTemplate?: (file: string, text: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const list = useExamples((s) => s.list);
  const load = useExamples((s) => s.load);
  const read = useExamples((s) => s.read);

  useEffect(() => {
    load().catch(toastError);
  }, [load, t]);

  const mine = (list ?? []).filter((e) => e.kind === kind);
  const title = (file: string, fallback: string) => t(`examples.titles.${file.replace(/(\.procure)?\.json$/, '')}`, { defaultValue: fallback });
  const open = async (value: string) => {
    const template = value.startsWith('template:');
    const file = template ? value.slice('template:'.length) : value;
    try {
      const e = await read(file);
      if (template) return void (await onTemplate?.(e.file, e.text));
      await onOpen(e.file, e.text);
      toastDone('examples.opened', { file: e.file });
    } catch (err) {
      toastError(err);
    }
  };
  return (
    <select className="example-menu" aria-label={t('examples.open')} value="" onChange={(e) => e.target.value && void open(e.target.value)} disabled={list !== null && mine.length === 0}>
      <option value="">{list !== null && mine.length === 0 ? t('examples.none') : t('examples.open')}</option>
      {mine.map((e) => (
        <option key={e.file} value={e.file}>
          {title(e.file, e.title)}
        </option>
      ))}
      {onTemplate && mine.length > 0 && (
        <optgroup label={t('examples.template')}>
          {mine.map((e) => (
            <option key={`template:${e.file}`} value={`template:${e.file}`}>
              {t('examples.templateFor', { title: title(e.file, e.title) })}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
