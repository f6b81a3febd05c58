import { defineAcceptanceSuite } from './acceptance-suite.js';
import { rabbitMqHarness } from './rabbitmq.harness.js';

defineAcceptanceSuite(rabbitMqHarness, await rabbitMqHarness.available());
