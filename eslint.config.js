// Lint: typescript-eslint, plus the declared layers that say where code may run and what it may use.
import path from 'node:path';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const ROOT = import.meta.dirname;

/**
 * The layers, from the bottom up (docs: DESIGN.md, "Layers"). A file may import its own layer and
 * any layer of a lower tier; a sibling in its own tier or anything above is refused. A layer is
 * one or more paths from the repository root (folders or files, without the extension). `uses`
 * lists what lies outside the zone that any of its files may import; `packages` is the zone's
 * package allowlist (null: any), and `packageLayers` keeps a package to the layers named.
 */
export const ZONES = {
  shared: {
    root: 'shared',
    tiers: [
      // calendar dates and day arithmetic, which document parsing (validity in days) and every layer above use
      // the UI strings and their translation: document parsing and money say their messages as keys
      { calendar: ['shared/calendar'], i18n: ['shared/i18n'] },
      { money: ['shared/money', 'shared/format'], document: ['shared/document'] },
      { domain: ['shared/domain'] },
      { model: ['shared/model'] },
      { scenario: ['shared/scenario'] },
      // kpis and the TCO breakdown, which the bid ranking and the charts format
      { report: ['shared/report'] },
      { optimize: ['shared/optimize'], bids: ['shared/bids'] },
      // the charts draw the results of every analysis (the frontier chart takes optimize's points)
      { charts: ['shared/charts'] },
      { contract: ['shared/contract'] },
    ],
    uses: [],
    // i18next only in shared/i18n: the main process translates errors and reports with the renderer's resources
    packages: ['zod', 'i18next'],
    packageLayers: { i18next: ['i18n'] },
  },
  electron: {
    root: 'electron',
    tiers: [
      // context.ts is the database context: the connection and the repositories that own the SQL
      { db: ['electron/db', 'electron/context'], version: ['electron/version'] },
      { import: ['electron/import'], optimize: ['electron/optimize'], report: ['electron/report'], team: ['electron/team'], bootstrap: ['electron/bootstrap'] },
      // the bid template (XLSX a supplier fills in): written with exceljs, read back through the importer's guarded reader and value parsers
      { bids: ['electron/bids'] },
      // long work off the main thread: the worker tasks run import, optimize, report and db code
      { jobs: ['electron/jobs'] },
      { handlers: ['electron/handlers'] },
      { host: ['electron/host'] },
      // the desktop app's parts under the Electron entry: menu, window state, files, logs, crash reports
      { app: ['electron/app'] },
      // the Electron entry and the dev server both start the loopback host
      { cli: ['electron/cli'], main: ['electron/main', 'electron/serve', 'electron/preload', 'electron/preload-api'] },
    ],
    uses: ['shared', 'package.json'],
    packages: null,
    // handlers, the host and the CLI run without Electron
    packageLayers: { electron: ['main', 'app'] },
  },
  renderer: {
    root: 'renderer/src',
    tiers: [
      { api: ['renderer/src/api'], i18n: ['renderer/src/i18n'], files: ['renderer/src/files'], styles: ['renderer/src/styles.css'] },
      { stores: ['renderer/src/stores'] },
      { hooks: ['renderer/src/hooks'] },
      { components: ['renderer/src/components'] },
      { pages: ['renderer/src/pages'] },
      { app: ['renderer/src/App', 'renderer/src/main'] },
    ],
    uses: ['shared', 'electron/preload-api'],
    packages: ['react', 'react-dom', 'react-i18next', 'i18next', 'zustand', 'zod', 'echarts', '@tanstack/react-table', '@tanstack/react-virtual', '@fontsource/noto-sans-sc'],
  },
};

const under = (p, prefix) => p === prefix || p.startsWith(`${prefix}/`);
const stripExt = (p) => p.replace(/\.d\.ts$|\.(ts|tsx|js|mjs|cjs)$/, '');

/** The zone, tier and layer of a repository path (extension-less), or undefined. */
function locate(rel) {
  for (const [zone, z] of Object.entries(ZONES)) {
    if (!under(rel, z.root)) continue;
    for (const [tier, layers] of z.tiers.entries()) {
      for (const [layer, paths] of Object.entries(layers)) if (paths.some((p) => under(rel, p))) return { zone, tier, layer };
    }
    return { zone };
  }
  return undefined;
}

const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const NODE_BUILTINS = new Set(builtinModules);

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports follow the declared layers (ZONES in eslint.config.js)' },
    schema: [],
    messages: {
      undeclared: '{{file}} is in no declared layer of {{zone}}/: add its folder to ZONES in eslint.config.js',
      upward: '{{fromLayer}} may not import {{toLayer}} ({{target}}): a layer imports only the tiers below it ({{below}})',
      zone: '{{zone}}/ may not import {{target}}: it imports only {{allowed}}',
      package: '{{zone}}/ may not import the package "{{pkg}}": allowed are {{allowed}}',
      packageLayer: '"{{pkg}}" may be imported only in {{layers}} (not in {{fromLayer}})',
    },
  },
  create(context) {
    const file = stripExt(path.relative(ROOT, context.filename).split(path.sep).join('/'));
    const here = locate(file);
    if (!here) return {};
    const z = ZONES[here.zone];
    if (here.layer === undefined) {
      return { Program: (node) => context.report({ node, messageId: 'undeclared', data: { file, zone: z.root } }) };
    }
    const below = z.tiers.slice(0, here.tier).flatMap((t) => Object.keys(t)).join(', ') || 'none';

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = stripExt(path.relative(ROOT, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/'));
        const there = locate(target);
        if (there?.zone === here.zone) {
          if (there.layer === undefined) context.report({ node, messageId: 'undeclared', data: { file: target, zone: z.root } });
          else if (there.layer !== here.layer && there.tier >= here.tier) {
            context.report({ node, messageId: 'upward', data: { fromLayer: `${here.zone}/${here.layer}`, toLayer: `${there.zone}/${there.layer}`, target, below } });
          }
        } else if (!z.uses.some((p) => under(target, p))) {
          context.report({ node, messageId: 'zone', data: { zone: z.root, target, allowed: [`${z.root}/`, ...z.uses].join(', ') } });
        }
        return;
      }
      const pkg = packageOf(spec.replace(/^node:/, ''));
      const isBuiltin = spec.startsWith('node:') || NODE_BUILTINS.has(pkg);
      if (z.packages && (isBuiltin || !z.packages.includes(pkg))) {
        context.report({ node, messageId: 'package', data: { zone: z.root, pkg: spec, allowed: z.packages.join(', ') } });
      }
      const only = z.packageLayers?.[pkg];
      if (only && !only.includes(here.layer)) context.report({ node, messageId: 'packageLayer', data: { pkg, layers: only.join(', '), fromLayer: here.layer } });
    }

    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
      TSExternalModuleReference: (n) => n.expression.type === 'Literal' && check(n.expression, n.expression.value),
      TSImportType: (n) => check(n, n.argument?.literal?.value ?? n.argument?.value),
      'CallExpression[callee.name="require"]': (n) => n.arguments[0]?.type === 'Literal' && check(n.arguments[0], n.arguments[0].value),
    };
  },
};

const layers = { rules: { imports: layersRule } };

/** What only a Node process or a browser window has: refused where code must run in both. */
const hostGlobals = (where) =>
  ['process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate', ...(where === 'shared' ? ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'self', 'globalThis'] : [])].map((name) => ({
    name,
    message: where === 'shared' ? 'shared/ runs in Node and in the browser: pass what it needs in as an argument' : 'the renderer is a sandboxed page: ask the main process through the API',
  }));

/** SQL lives only in electron/db/ (better-sqlite3's prepare, exec and pragma; RegExp#exec is fine). */
const SQL_OUTSIDE_DB = 'SQL lives only in electron/db/: add a repository method there';
const sqlCalls = [
  "CallExpression[callee.property.name='prepare']",
  "CallExpression[callee.property.name='pragma']",
  // exec on SQL text or on something named db; a RegExp's exec takes a variable or a regex literal
  "CallExpression[callee.property.name='exec']:matches([arguments.0.type=/^(Literal|TemplateLiteral)$/]:not([callee.object.regex]), [callee.object.name=/^(db|database)$/i], [callee.object.property.name='db'])",
].map((selector) => ({ selector, message: SQL_OUTSIDE_DB }));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-artifacts/**', '.electron-native/**', 'examples/**/*.xlsx'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Sanitising file names, cells and imported text means matching control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    plugins: { layers },
    rules: { 'layers/imports': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...hostGlobals('shared')] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-globals': ['error', ...hostGlobals('renderer')] },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/db/**'],
    rules: { 'no-restricted-syntax': ['error', ...sqlCalls] },
  },
  {
    // React's rules of hooks on the renderer, with the compiler-era checks of the recommended set
    // (setState in effects, purity, refs during render); missing effect dependencies are errors too.
    // incompatible-library only notes that the React Compiler would skip a component using TanStack
    // Table; the app is not built with the compiler, so there is nothing to change and it stays off.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: reactHooks.configs.flat.recommended.plugins,
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error', 'react-hooks/incompatible-library': 'off' },
  },
);
