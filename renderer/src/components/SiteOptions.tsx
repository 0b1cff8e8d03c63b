/** The catalog's sites as <option>s, named in the UI language, with their power price. */
import { useTranslation } from 'react-i18next';
import type { Site } from '../../../shared/domain/catalog';

export function SiteOptions({ sites }: { sites: Site[] }) {
  const { i18n } = useTranslation();
  return (
    <>
      {sites.map((s) => (
        <option key={s.slug} value={s.slug}>
          {i18n.language === 'zh-CN' && s.nameZh ? s.nameZh : s.name} ({s.powerPricePerKWh} {s.currency}/kWh)
        </option>
      ))}
    </>
  );
}
