export function Routes() {
  return <p>routes</p>;
}
