// The one-way pipe from services to transports: every InspectorEvent is published here once, and each transport
// (SSE, IPC, CLI printer) subscribes. A listener that throws cannot break the publisher or other listeners.
import type { InspectorEvent } from '../../shared/domain.js';

export type Listener = (event: InspectorEvent) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: InspectorEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('hookscope: an event listener failed', error);
      }
    }
  }
}
