// Wires the Forwarder into a running Hookscope: sources come from the live config, events go to the bus, and a
// `--forward <url>` from the command line turns on auto-forward of the default source for this run only (like the
// CLI secrets, it never lands in the config file), limited to `--events` patterns when given.
import type { SourceConfig } from '../../../shared/domain.js';
import type { Config } from '../config/config.js';
import type { EventBus } from '../event-bus.js';
import type { Store } from '../store/store.js';
import { parseTarget } from './forward-request.js';
import { Forwarder } from './forwarder.js';

export interface ForwarderContext {
  store: Store;
  config: Config;
  bus: EventBus;
}

/** `forwardEvents`: `--events`, the patterns `--forward` is limited to (null: every event). */
export function createForwarder(
  context: ForwarderContext,
  forwardUrl?: string,
  stopGraceMs?: number,
  forwardEvents: string[] | null = null,
): Forwarder {
  const override = forwardUrl === undefined ? null : { url: parseTarget(forwardUrl, '--forward').href, events: forwardEvents };
  return new Forwarder({
    ...(stopGraceMs !== undefined ? { stopGraceMs } : {}),
    store: context.store,
    getSource: (name) => withOverride(context.config.getSources(), name, override),
    publish: (event) => context.bus.publish(event),
  });
}

function withOverride(
  sources: SourceConfig[],
  name: string,
  override: { url: string; events: string[] | null } | null,
): SourceConfig | undefined {
  const index = sources.findIndex((source) => source.name === name);
  const source = sources[index];
  if (!source || index !== 0 || override === null) return source;
  return { ...source, forward: { ...source.forward, url: override.url, events: override.events, auto: true } };
}
