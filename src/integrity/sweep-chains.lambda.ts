// Placeholder: the handler lands with its tests.
export async function handler(): Promise<void> {
  return;
}
