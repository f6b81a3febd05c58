import { defineAcceptanceSuite } from './acceptance-suite.js';
import { natsHarness } from './nats.harness.js';

defineAcceptanceSuite(natsHarness, await natsHarness.available());
