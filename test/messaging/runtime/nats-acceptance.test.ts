// The broker-agnostic acceptance suite, run in place against the local NATS JetStream (skipped when it does not answer).
import { defineAcceptanceSuite } from '../../../templates/messaging/runtime/acceptance/acceptance-suite.js';
import { natsHarness } from '../../../templates/messaging/runtime/acceptance/nats.harness.js';
import { serviceAvailable } from '../../support/services.js';

defineAcceptanceSuite(natsHarness, await serviceAvailable('nats'));
