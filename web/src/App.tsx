export function App() {
  return <main>DocScrib</main>;
}
