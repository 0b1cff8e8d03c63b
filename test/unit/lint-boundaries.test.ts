/**
 * The declared layers (eslint.config.js) hold: a probe source that breaks a boundary is linted as
 * if it lay at the path given and must draw that boundary's error; a probe that keeps to its
 * layer must lint clean. The probes are never written to disk.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  const messages = result!.messages;
  // a probe that does not parse would prove nothing
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, message: m.message }));
}

interface Breach {
  what: string;
  file: string;
  code: string;
  ruleId: string;
  messageId?: string;
  /** A piece of the message that names what was refused. */
  says: string;
}

const breaches: Breach[] = [
  // shared/ is pure: zod only, no host globals, no right-to-left imports
  { what: 'shared imports fs/promises', file: 'shared/model/probe.ts', code: "import { readFile } from 'fs/promises';\nexport const r = readFile;\n", ruleId: 'layers/imports', messageId: 'package', says: '"fs/promises"' },
  { what: 'shared imports node:path', file: 'shared/domain/probe.ts', code: "import path from 'node:path';\nexport const j = path.join;\n", ruleId: 'layers/imports', messageId: 'package', says: '"node:path"' },
  { what: 'shared imports highs', file: 'shared/optimize/probe.ts', code: "import highs from 'highs';\nexport const h = highs;\n", ruleId: 'layers/imports', messageId: 'package', says: '"highs"' },
  { what: 'shared imports playwright-core', file: 'shared/report/probe.ts', code: "import { chromium } from 'playwright-core';\nexport const c = chromium;\n", ruleId: 'layers/imports', messageId: 'package', says: '"playwright-core"' },
  { what: 'shared imports electron', file: 'shared/contract/probe.ts', code: "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n", ruleId: 'layers/imports', messageId: 'package', says: '"electron"' },
  { what: 'shared imports react', file: 'shared/charts/probe.ts', code: "import { useMemo } from 'react';\nexport const u = useMemo;\n", ruleId: 'layers/imports', messageId: 'package', says: '"react"' },
  { what: 'shared reads the process global', file: 'shared/model/probe.ts', code: 'export const home = process.env.HOME;\n', ruleId: 'no-restricted-globals', says: "'process'" },
  { what: 'shared uses the Buffer global', file: 'shared/money/probe.ts', code: "export const b = Buffer.from('x');\n", ruleId: 'no-restricted-globals', says: "'Buffer'" },
  { what: 'shared touches the DOM', file: 'shared/charts/probe.ts', code: "export const el = document.createElement('div');\n", ruleId: 'no-restricted-globals', says: "'document'" },
  { what: 'shared reaches the window', file: 'shared/i18n/probe.ts', code: 'export const lang = window.navigator.language;\n', ruleId: 'no-restricted-globals', says: "'window'" },
  { what: 'shared calls require', file: 'shared/scenario/probe.ts', code: "export const fs: unknown = require('fs');\n", ruleId: 'no-restricted-globals', says: "'require'" },
  { what: 'model imports scenario (right to left)', file: 'shared/model/probe.ts', code: "import { scenarioSchema } from '../scenario/schema';\nexport const s = scenarioSchema;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'shared/model may not import shared/scenario' },
  { what: 'domain imports model (right to left)', file: 'shared/domain/probe.ts', code: "import type { ModelSpecInput } from '../model/spec';\nexport type M = ModelSpecInput;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'shared/domain may not import shared/model' },
  { what: 'scenario imports the IPC contract', file: 'shared/scenario/probe.ts', code: "import { AppError } from '../contract/result';\nexport const e = AppError;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'shared/scenario may not import shared/contract' },
  { what: 'bids imports charts (right to left)', file: 'shared/bids/probe.ts', code: "import { frontierOption } from '../charts/frontier';\nexport const f = frontierOption;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'shared/bids may not import shared/charts' },
  { what: 'optimize imports bids (same-tier sibling)', file: 'shared/optimize/probe.ts', code: "import { parseBidFile } from '../bids/schema';\nexport const p = parseBidFile;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'shared/optimize may not import shared/bids' },
  { what: 'shared imports electron/', file: 'shared/contract/probe.ts', code: "import { openDatabase } from '../../electron/db/open';\nexport const o = openDatabase;\n", ruleId: 'layers/imports', messageId: 'zone', says: 'electron/db/open' },
  { what: 'a shared folder in no layer', file: 'shared/misc/probe.ts', code: 'export const x = 1;\n', ruleId: 'layers/imports', messageId: 'undeclared', says: 'shared/misc/probe' },

  // electron/: db → import, optimize, report, team, bootstrap → handlers → host → cli, main
  { what: 'electron/db imports handlers', file: 'electron/db/probe.ts', code: "import { dispatch } from '../handlers';\nexport const d = dispatch;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'electron/db may not import electron/handlers' },
  { what: 'electron/import imports handlers', file: 'electron/import/probe.ts', code: "import { createBuild } from '../handlers/builds';\nexport const c = createBuild;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'electron/import may not import electron/handlers' },
  { what: 'electron/import imports optimize (same tier)', file: 'electron/import/probe.ts', code: "import { runOptimize } from '../optimize/run';\nexport const r = runOptimize;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'electron/import may not import electron/optimize' },
  { what: 'handlers import the host', file: 'electron/handlers/probe.ts', code: "import { startHost } from '../host/server';\nexport const s = startHost;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'electron/handlers may not import electron/host' },
  { what: 'handlers import the electron package', file: 'electron/handlers/probe.ts', code: "import { dialog } from 'electron';\nexport const d = dialog;\n", ruleId: 'layers/imports', messageId: 'packageLayer', says: '"electron" may be imported only in main' },
  { what: 'electron imports renderer code', file: 'electron/report/probe.ts', code: "import { call } from '../../renderer/src/api/client';\nexport const c = call;\n", ruleId: 'layers/imports', messageId: 'zone', says: 'renderer/src/api/client' },
  { what: 'SQL prepared in a handler', file: 'electron/handlers/probe.ts', code: "import type { AppContext } from '../context';\nexport const n = (ctx: AppContext) => ctx.db.prepare('SELECT count(*) FROM quote').get();\n", ruleId: 'no-restricted-syntax', says: 'SQL lives only in electron/db/' },
  { what: 'SQL executed in the importer', file: 'electron/import/probe.ts', code: "import type Database from 'better-sqlite3';\nexport const wipe = (db: Database.Database) => db.exec('DELETE FROM quote');\n", ruleId: 'no-restricted-syntax', says: 'SQL lives only in electron/db/' },
  { what: 'a pragma read in the CLI', file: 'electron/cli/probe.ts', code: "import type { AppContext } from '../context';\nexport const v = (ctx: AppContext) => ctx.db.pragma('user_version', { simple: true });\n", ruleId: 'no-restricted-syntax', says: 'SQL lives only in electron/db/' },

  // renderer/: pages → components → hooks → stores → api (each uses only those after it)
  { what: 'renderer imports electron/db', file: 'renderer/src/stores/probe.ts', code: "import { openDatabase } from '../../../electron/db/open';\nexport const o = openDatabase;\n", ruleId: 'layers/imports', messageId: 'zone', says: 'electron/db/open' },
  { what: 'renderer imports the handlers', file: 'renderer/src/pages/Probe.tsx', code: "import type { AppContext } from '../../../electron/context';\nexport type C = AppContext;\n", ruleId: 'layers/imports', messageId: 'zone', says: 'electron/context' },
  { what: 'renderer imports node:fs', file: 'renderer/src/components/Probe.tsx', code: "import fs from 'node:fs';\nexport const f = fs;\n", ruleId: 'layers/imports', messageId: 'package', says: '"node:fs"' },
  { what: 'renderer imports electron', file: 'renderer/src/api/probe.ts', code: "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", ruleId: 'layers/imports', messageId: 'package', says: '"electron"' },
  { what: 'a component imports a page', file: 'renderer/src/components/Probe.tsx', code: "import { CatalogPage } from '../pages/CatalogPage';\nexport const P = CatalogPage;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'renderer/components may not import renderer/pages' },
  { what: 'a store imports a hook', file: 'renderer/src/stores/probe.ts', code: "import { useEvaluation } from '../hooks/useEvaluation';\nexport const u = useEvaluation;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'renderer/stores may not import renderer/hooks' },
  { what: 'the API client imports a store', file: 'renderer/src/api/probe.ts', code: "import { useBuilds } from '../stores/builds';\nexport const b = useBuilds;\n", ruleId: 'layers/imports', messageId: 'upward', says: 'renderer/api may not import renderer/stores' },
  { what: 'the renderer reads process', file: 'renderer/src/pages/Probe.tsx', code: 'export const dev = process.env.NODE_ENV;\n', ruleId: 'no-restricted-globals', says: "'process'" },
];

const allowed: { layer: string; file: string; code: string }[] = [
  { layer: 'shared/money', file: 'shared/money.ts', code: "import { z } from 'zod';\nexport const amount = z.number();\n" },
  { layer: 'shared/model', file: 'shared/model/probe.ts', code: "import { z } from 'zod';\nimport { currencySchema } from '../money';\nimport { precisionSchema } from '../domain/accelerator';\nimport { parseDocument } from '../document/parse';\nexport const probe = [z, currencySchema, precisionSchema, parseDocument];\n" },
  { layer: 'shared/scenario', file: 'shared/scenario/probe.ts', code: "import { evaluateCluster } from '../model/cluster';\nimport { buildToScenario } from './build';\nexport const probe = [evaluateCluster, buildToScenario];\n" },
  { layer: 'shared/charts', file: 'shared/charts/probe.ts', code: "import type { FrontierPoint } from '../optimize/types';\nimport { tcoBreakdown } from '../report/breakdown';\nexport const probe = (p: FrontierPoint) => [p, tcoBreakdown];\n" },
  { layer: 'shared/contract', file: 'shared/contract/probe.ts', code: "import { scenarioSchema } from '../scenario/schema';\nimport { parseBidFile } from '../bids/schema';\nimport { frontierOption } from '../charts/frontier';\nexport const probe = [scenarioSchema, parseBidFile, frontierOption];\n" },
  { layer: 'electron/db', file: 'electron/db/probe.ts', code: "import type Database from 'better-sqlite3';\nimport { AppError } from '../../shared/contract/result';\nexport const n = (db: Database.Database) => db.prepare('SELECT 1').get() ?? new AppError('internal', 'none');\n" },
  { layer: 'electron/import', file: 'electron/import/probe.ts', code: "import { uniqueSlug } from '../db/slug';\nexport const m = (s: string) => /^(\\d+)$/.exec(s) ?? uniqueSlug(s, () => false, 'x');\n" },
  { layer: 'electron/handlers', file: 'electron/handlers/probe.ts', code: "import type { AppContext } from '../context';\nimport { runOptimize } from '../optimize/run';\nimport { commitImport } from '../import';\nexport const probe = (ctx: AppContext) => [ctx.builds, runOptimize, commitImport];\n" },
  { layer: 'electron/host', file: 'electron/host/probe.ts', code: "import { dispatch } from '../handlers';\nimport http from 'node:http';\nexport const probe = [dispatch, http];\n" },
  { layer: 'electron/main', file: 'electron/main.ts', code: "import { app } from 'electron';\nimport { startHost } from './host/server';\nimport { openApp } from './bootstrap';\nexport const probe = [app, startHost, openApp];\n" },
  { layer: 'renderer/api', file: 'renderer/src/api/probe.ts', code: "import type { Result } from '../../../shared/contract/result';\nimport type { ProcureBridge } from '../../../electron/preload-api';\nexport type Probe = [Result<number>, ProcureBridge];\n" },
  { layer: 'renderer/stores', file: 'renderer/src/stores/probe.ts', code: "import { create } from 'zustand';\nimport { call } from '../api/client';\nexport const probe = [create, call];\n" },
  { layer: 'renderer/components', file: 'renderer/src/components/Probe.tsx', code: "import { useMemo } from 'react';\nimport { useEvaluation } from '../hooks/useEvaluation';\nimport { useBuilds } from '../stores/builds';\nexport const probe = [useMemo, useEvaluation, useBuilds];\n" },
  { layer: 'renderer/pages', file: 'renderer/src/pages/Probe.tsx', code: "import { KpiPanel } from '../components/KpiPanel';\nimport { formatKpi } from '../../../shared/report/kpis';\nexport const probe = [KpiPanel, formatKpi];\n" },
];

describe('lint boundaries', () => {
  it.each(breaches)('refuses: $what', async (b) => {
    const messages = await lint(b.file, b.code);
    const hit = messages.filter((m) => m.ruleId === b.ruleId && (b.messageId === undefined || m.messageId === b.messageId));
    expect(hit, JSON.stringify(messages)).toHaveLength(1);
    expect(hit[0]!.message).toContain(b.says);
  });

  it.each(allowed)('allows what $layer may use', async (a) => {
    expect(await lint(a.file, a.code)).toEqual([]);
  });
});
