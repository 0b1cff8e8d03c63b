/** The catalog's sites as <option>s, named in the UI language, with their power price. */
import { useTranslation } from 'react-i18next';
import { localName, type Site } from '../../../shared/domain/catalog';
import { formatMoney } from '../../../shared/format';

export function SiteOptions({ sites }: { sites: Site[] }) {
  const { i18n } = useTranslation();
  return (
    <>
      {sites.map((s) => (
        <option key={s.slug} value={s.slug}>
          {localName(s, i18n.language)} ({formatMoney(s.powerPricePerKWh, s.currency, i18n.language, { digits: 2 })}/kWh)
        </option>
      ))}
    </>
  );
}
