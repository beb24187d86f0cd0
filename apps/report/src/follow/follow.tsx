export function Follow() {
  return <p>follow</p>;
}
