#!/usr/bin/env node
// `npm create infragen@latest [dir] [flags]` runs this: `infragen init [dir] [flags]`, with the infragen
// version this package depends on, in this process (so prompts keep the terminal).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const manifestPath = createRequire(import.meta.url).resolve('infragen/package.json');
const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
const cli = path.join(path.dirname(manifestPath), typeof bin === 'string' ? bin : bin.infragen);

process.argv.splice(2, 0, 'init');
await import(pathToFileURL(cli).href);
