export function Placeholder({ title, coming }: { title: string; coming: string }) {
  return (
    <section className="placeholder">
      <h1>{title}</h1>
      <p>{coming}</p>
    </section>
  );
}
