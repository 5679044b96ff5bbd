/** Transactions across customers: filters, paging and a detail view (being built for issue 11). */
export function TransactionsScreen({ transactionId }: { transactionId?: string | undefined }) {
  return (
    <section className="panel" aria-labelledby="transactions-h">
      <h1 id="transactions-h">Transactions</h1>
      <p className="muted">{transactionId ? `Transaction ${transactionId}` : 'Open a customer to see its transactions.'}</p>
    </section>
  );
}
