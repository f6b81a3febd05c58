// What the messaging benches share: windowed publishing, a reachability check, ratio rows, end-to-end runs.
import net from 'node:net';

const window = Number(process.env.BENCH_WINDOW ?? 500);

/** Publishes `count` items through `publish`, at most `window` unconfirmed at a time; returns messages per second. */
export async function throughput(count, publish) {
  const started = performance.now();
  for (let start = 0; start < count; start += window) {
    await Promise.all(Array.from({ length: Math.min(window, count - start) }, (_, index) => publish(start + index)));
  }
  return count / ((performance.now() - started) / 1_000);
}

export function reachable(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    const done = (ok) => (socket.destroy(), resolve(ok));
    socket.setTimeout(1_500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function ratioRow(label, generatedRate, bareRate) {
  return { case: label, rate: `${generatedRate.toFixed(0)} msg/s`, ratio: `${(generatedRate / bareRate).toFixed(2)} (aim >= 0.80${generatedRate / bareRate >= 0.8 ? ', met' : ', MISSED'})` };
}

/** Publishes `messages` probes while one consumer group handles them; the time until the last is handled. */
export async function endToEnd(label, broker, publisher, messages, { EventHandlers, probe, probeCatalog, ProbeEvent }) {
  let handled = 0;
  let allHandled;
  const done = new Promise((resolve) => (allHandled = resolve));
  const handlers = new EventHandlers(probeCatalog).subscribe(ProbeEvent, () => {
    if (++handled === messages) allHandled();
  });
  await broker.consumer({ group: 'bench', handlers }).start();
  const started = performance.now();
  await throughput(messages, (sequence) => publisher.publish(probe(sequence)));
  await done;
  const seconds = (performance.now() - started) / 1_000;
  return { case: label, wallMs: seconds * 1_000, rate: `${(messages / seconds).toFixed(0)} msg/s` };
}
