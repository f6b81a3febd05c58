import { defineAcceptanceSuite } from './acceptance-suite.js';
import { memoryHarness } from './memory.harness.js';

defineAcceptanceSuite(memoryHarness, await memoryHarness.available());
