#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (TypeScript alone takes ~0.5 s to compile); older Nodes skip it.
module.enableCompileCache?.();

const { main } = await import('../dist/cli.js');
await main(process.argv);
