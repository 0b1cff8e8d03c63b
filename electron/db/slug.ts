/** Slugs for rows the app creates (parts and servers from sheets or scenario files). */
import crypto from 'node:crypto';

/**
 * "Huawei Atlas 300I Duo" → "huawei-atlas-300i-duo", suffixed -2, -3… until `taken` says it is
 * free. A name with too few Latin letters or digits gets `${prefix}-<hash of hashOf>`.
 */
export function uniqueSlug(name: string, taken: (slug: string) => boolean, prefix: string, hashOf = name): string {
  let base = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  if (base.replace(/-/g, '').length < 3) base = `${prefix}-${crypto.createHash('sha256').update(hashOf).digest('hex').slice(0, 8)}`;
  let slug = base;
  for (let n = 2; taken(slug); n++) slug = `${base}-${n}`;
  return slug;
}
