import { adoptCall, openGateWhen } from '../lib/api-client.ts';
import { readFirstScreen } from '../lib/first-screen-state.ts';
import { useCustomers } from '../features/customers/customers.store.ts';

/**
 * Before the app renders: its first customers.search takes the early script's answer instead of
 * asking main again, and an answer already in is on screen from React's first render (no frame of
 * "Loading" between the early rows and React's).
 */
export function takeOverFirstSearch(): void {
  const early = readFirstScreen();
  if (!early) return;
  if (early.settled?.ok) {
    useCustomers.getState().showAnswer('', early.settled.data);
    openGateWhen(early.channel, early.answer);
  } else adoptCall(early.channel, early.input, early.answer);
}
