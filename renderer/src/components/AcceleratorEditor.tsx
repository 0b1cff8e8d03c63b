/**
 * Editing a part or adding one. Validation is the shared zod schema, so the messages next to
 * each field are the same rules the main process enforces; changed figures get the source entered here.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  acceleratorSchema,
  EXPORT_STATUSES,
  type AcceleratorInput,
  type FigureKey,
} from '../../../shared/domain/accelerator';
import { formatPath } from '../../../shared/document/parse';
import { selectAccelerator, useCatalog } from '../stores/catalog';
import { today } from '../hooks/useEvaluation';

type FieldKind = 'text' | 'number' | 'export';
interface FieldDef {
  path: string;
  label: string;
  kind: FieldKind;
  figure?: FigureKey;
  unit?: string;
}

const FIGURE_FIELDS: FieldDef[] = [
  { path: 'memoryGB', label: 'figure.memoryGB', kind: 'number', figure: 'memoryGB', unit: 'GB' },
  { path: 'memoryType', label: 'figure.memoryType', kind: 'text', figure: 'memoryType' },
  { path: 'memoryBandwidthTBps', label: 'figure.memoryBandwidthTBps', kind: 'number', figure: 'memoryBandwidthTBps', unit: 'TB/s' },
  { path: 'tflops.bf16', label: 'figure.tflops.bf16', kind: 'number', figure: 'tflops.bf16', unit: 'TFLOPS' },
  { path: 'tflops.fp16', label: 'figure.tflops.fp16', kind: 'number', figure: 'tflops.fp16', unit: 'TFLOPS' },
  { path: 'tflops.fp8', label: 'figure.tflops.fp8', kind: 'number', figure: 'tflops.fp8', unit: 'TFLOPS' },
  { path: 'tflops.int8', label: 'figure.tflops.int8', kind: 'number', figure: 'tflops.int8', unit: 'TOPS' },
  { path: 'tflops.fp4', label: 'figure.tflops.fp4', kind: 'number', figure: 'tflops.fp4', unit: 'TFLOPS' },
  { path: 'tdpW', label: 'figure.tdpW', kind: 'number', figure: 'tdpW', unit: 'W' },
  { path: 'idleW', label: 'figure.idleW', kind: 'number', figure: 'idleW', unit: 'W' },
  { path: 'scaleUpLink', label: 'figure.scaleUpLink', kind: 'text', figure: 'scaleUpLink' },
  { path: 'scaleUpGBps', label: 'figure.scaleUpGBps', kind: 'number', figure: 'scaleUpGBps', unit: 'GB/s' },
  { path: 'scaleOutGBps', label: 'figure.scaleOutGBps', kind: 'number', figure: 'scaleOutGBps', unit: 'GB/s' },
  { path: 'formFactor', label: 'figure.formFactor', kind: 'text', figure: 'formFactor' },
  { path: 'softwareStack', label: 'figure.softwareStack', kind: 'text', figure: 'softwareStack' },
  { path: 'releaseYear', label: 'figure.releaseYear', kind: 'number', figure: 'releaseYear' },
  { path: 'exportControl.CN', label: 'editor.exportCN', kind: 'export', figure: 'exportControl' },
  { path: 'exportControl.other', label: 'editor.exportOther', kind: 'export', figure: 'exportControl' },
  { path: 'foundry', label: 'figure.foundry', kind: 'text', figure: 'foundry' },
  { path: 'hbmSupply', label: 'figure.hbmSupply', kind: 'text', figure: 'hbmSupply' },
  { path: 'mbu', label: 'detail.mbu', kind: 'number' },
  { path: 'mfu', label: 'detail.mfu', kind: 'number' },
  { path: 'softwareMaturity', label: 'detail.maturity', kind: 'number' },
];

const ID_FIELDS: FieldDef[] = [
  { path: 'vendor', label: 'editor.vendor', kind: 'text' },
  { path: 'model', label: 'editor.model', kind: 'text' },
  { path: 'generation', label: 'editor.generation', kind: 'text' },
];

function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

function setIn(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
}

const BLANK: AcceleratorInput = {
  slug: '',
  vendor: '',
  model: '',
  domestic: true,
  memoryGB: 64,
  memoryType: 'HBM2e',
  memoryBandwidthTBps: 1.6,
  tflops: { bf16: 300 },
  tdpW: 400,
  idleW: 80,
  scaleUpGBps: 64,
  formFactor: 'OAM',
  softwareStack: '',
  releaseYear: new Date().getFullYear(),
  exportControl: { CN: 'free', other: 'licensed' },
  softwareMaturity: 0.5,
  mbu: 0.5,
  mfu: 0.35,
  sources: { default: { title: '', url: '', asOf: today(), estimate: true, note: '' } },
};

export function AcceleratorEditor({ slug, onClose }: { slug: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const original = useCatalog(selectAccelerator(slug));
  const save = useCatalog((s) => s.save);
  const creating = slug === null;
  const initial = useMemo(() => {
    const base: Record<string, string> = {};
    const src: AcceleratorInput = original ?? BLANK;
    for (const f of [...ID_FIELDS, ...FIGURE_FIELDS]) {
      const v = get(src, f.path);
      base[f.path] = v === undefined || v === null ? '' : String(v);
    }
    base.slug = src.slug;
    base.aliases = (src.aliases ?? []).join(', ');
    base.domestic = src.domestic ? '1' : '';
    base.notes = src.notes ?? '';
    return base;
  }, [original]);
  const [values, setValues] = useState(initial);
  const [source, setSource] = useState({ title: '', url: '', asOf: today(), estimate: false, note: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const build = (): AcceleratorInput => {
    const out: Record<string, unknown> = structuredClone(original ?? BLANK) as Record<string, unknown>;
    delete out.id;
    delete out.origin;
    delete out.userEdited;
    delete out.updatedAt;
    delete out.bestPrice;
    for (const f of [...ID_FIELDS, ...FIGURE_FIELDS]) {
      const raw = values[f.path]!.trim();
      if (f.kind === 'number') setIn(out, f.path, raw === '' ? undefined : Number(raw.replace(',', '.')));
      else setIn(out, f.path, raw);
    }
    out.slug = creating ? values.slug!.trim() : original!.slug;
    out.aliases = values.aliases!.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
    out.domestic = values.domestic === '1';
    out.notes = values.notes;
    const sources = { ...((out.sources as Record<string, unknown>) ?? {}) };
    const changed = FIGURE_FIELDS.filter((f) => f.figure && values[f.path] !== initial[f.path]).map((f) => f.figure!);
    const entered = { ...source, title: source.title.trim() || (creating ? '' : 'Edited by user') };
    if (creating) sources.default = entered;
    for (const fig of changed) sources[fig] = entered;
    out.sources = sources;
    return out as AcceleratorInput;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const candidate = build();
    const parsed = acceleratorSchema.safeParse(candidate);
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const i of parsed.error.issues) {
        const p = formatPath(i.path);
        errs[p.startsWith('sources') ? 'source' : p] ??= i.message;
      }
      setErrors(errs);
      setFormError(t('editor.invalid'));
      return;
    }
    setBusy(true);
    const r = await save(candidate, creating);
    setBusy(false);
    if (r.ok) return onClose();
    if (r.fieldErrors) setErrors(r.fieldErrors);
    setFormError(r.message);
  };

  const field = (f: FieldDef) => {
    const id = `f-${f.path.replace('.', '-')}`;
    const err = errors[f.path];
    return (
      <div className={`field${err ? ' invalid' : ''}`} key={f.path}>
        <label htmlFor={id}>
          {t(f.label)}
          {f.unit ? ` (${f.unit})` : ''}
        </label>
        {f.kind === 'export' ? (
          <select id={id} value={values[f.path]} onChange={(e) => setValues({ ...values, [f.path]: e.target.value })}>
            {EXPORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`export.${s}`)}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            name={f.path}
            inputMode={f.kind === 'number' ? 'decimal' : undefined}
            value={values[f.path]}
            aria-invalid={!!err}
            aria-describedby={err ? `${id}-err` : undefined}
            onChange={(e) => setValues({ ...values, [f.path]: e.target.value })}
          />
        )}
        {err && (
          <div className="field-error" id={`${id}-err`} role="alert">
            {err}
          </div>
        )}
      </div>
    );
  };

  return (
    <aside className="detail-panel editor" aria-label={creating ? t('editor.titleNew') : t('editor.titleEdit', { model: original?.model })}>
      <form onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onClose()} noValidate>
        <header>
          <h2>{creating ? t('editor.titleNew') : t('editor.titleEdit', { model: original?.model })}</h2>
          <div className="actions">
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {t('common.save')}
            </button>
          </div>
        </header>
        {formError && <div className="error-banner" role="alert">{formError}</div>}
        <div className="form-grid">
          {creating && field({ path: 'slug', label: 'editor.slug', kind: 'text' })}
          {ID_FIELDS.map(field)}
          <div className="field wide">
            <label htmlFor="f-aliases">{t('editor.aliases')}</label>
            <input id="f-aliases" value={values.aliases} onChange={(e) => setValues({ ...values, aliases: e.target.value })} />
          </div>
          <div className="field check">
            <label>
              <input type="checkbox" checked={values.domestic === '1'} onChange={(e) => setValues({ ...values, domestic: e.target.checked ? '1' : '' })} />
              {t('editor.domestic')}
            </label>
          </div>
          {FIGURE_FIELDS.map(field)}
        </div>
        <fieldset className={errors.source ? 'invalid' : ''}>
          <legend>{t('editor.sourceSection')}</legend>
          <div className="form-grid">
            <div className="field wide">
              <label htmlFor="f-src-title">{t('editor.sourceTitle')}</label>
              <input id="f-src-title" value={source.title} onChange={(e) => setSource({ ...source, title: e.target.value })} />
            </div>
            <div className="field wide">
              <label htmlFor="f-src-url">{t('editor.sourceUrl')}</label>
              <input id="f-src-url" value={source.url} onChange={(e) => setSource({ ...source, url: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="f-src-asof">{t('editor.sourceAsOf')}</label>
              <input id="f-src-asof" value={source.asOf} onChange={(e) => setSource({ ...source, asOf: e.target.value })} />
            </div>
            <div className="field check">
              <label>
                <input type="checkbox" checked={source.estimate} onChange={(e) => setSource({ ...source, estimate: e.target.checked })} />
                {t('editor.sourceEstimate')}
              </label>
            </div>
          </div>
          {errors.source && <div className="field-error" role="alert">{errors.source}</div>}
        </fieldset>
      </form>
    </aside>
  );
}
