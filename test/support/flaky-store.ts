// A real store that can be made unreachable on demand: while down, every call answers as a dead
// database does (StoreUnavailable), through collections opened before the outage too.
import type { BaseDocument, Collection, DocumentStore } from '../../src/store/port.ts';
import { StoreUnavailable } from '../../src/store/port.ts';

export interface FlakyStore extends DocumentStore {
  down: boolean;
}

export function flakyStore(inner: DocumentStore): FlakyStore {
  const flaky: FlakyStore = {
    down: false,
    kind: inner.kind,
    async collection<T extends BaseDocument>(name: string, indexes?: Parameters<DocumentStore['collection']>[1]) {
      check();
      const real = await inner.collection<T>(name, indexes);
      return new Proxy(real, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            check();
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      }) as Collection<T>;
    },
    async ping() {
      check();
      await inner.ping();
    },
    close: () => inner.close(),
  };
  function check(): void {
    if (flaky.down) throw new StoreUnavailable('the test made the store unreachable');
  }
  return flaky;
}
