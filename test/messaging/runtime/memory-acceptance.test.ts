// The broker-agnostic acceptance suite, run in place against the in-memory broker: the runtime sources as they are in the repo.
import { defineAcceptanceSuite } from '../../../templates/messaging/runtime/acceptance/acceptance-suite.js';
import { memoryHarness } from '../../../templates/messaging/runtime/acceptance/memory.harness.js';

defineAcceptanceSuite(memoryHarness, true);
