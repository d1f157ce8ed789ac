// A runtime and the deps the service factories need, for the emulator's own tests.
import { createClock, Runtime } from '../../local/emulator/runtime';
import { accountOf } from '../../local/emulator/accounts';
import type { ExecutionContext } from '../../local/emulator/services/context';

export function makeServiceDeps(start = '2024-03-01T09:00:00Z') {
  const clock = createClock(start);
  const rt = new Runtime(clock);
  let context: ExecutionContext = { kind: 'test', authMode: 'FULL' };
  let documentId: string | null = 'sheet-1';
  let userEmail = 'owner@studio.test';
  const deps = {
    context: () => context,
    dateCtor: Date,
    timeZone: () => 'Europe/Moscow',
    userEmail: () => userEmail,
    documentId: () => documentId,
    account: (email: string) => accountOf(email),
  };
  return {
    rt,
    clock,
    deps,
    setContext(next: ExecutionContext) {
      context = next;
    },
    setDocumentId(id: string | null) {
      documentId = id;
    },
    setUserEmail(email: string) {
      userEmail = email;
    },
  };
}
