// The broker-agnostic acceptance suite, run in place against the local RabbitMQ (skipped when it does not answer).
import { defineAcceptanceSuite } from '../../../templates/messaging/runtime/acceptance/acceptance-suite.js';
import { rabbitMqHarness } from '../../../templates/messaging/runtime/acceptance/rabbitmq.harness.js';
import { serviceAvailable } from '../../support/services.js';

defineAcceptanceSuite(rabbitMqHarness, await serviceAvailable('amqp'));
