/**
 * Remembers `compute` for the most recently seen strings, in two generations: when the
 * current one is full it becomes the previous one, so the lines of the last frames stay
 * while those no frame shows any more age out. Memory stays bounded by `size`.
 */
export function memoizeRecent<Value>(compute: (key: string) => Value, size: number): (key: string) => Value {
  let current = new Map<string, Value>();
  let previous = new Map<string, Value>();
  return (key) => {
    let value = current.get(key);
    if (value !== undefined) return value;
    value = previous.get(key) ?? compute(key);
    if (current.size >= size) {
      previous = current;
      current = new Map();
    }
    current.set(key, value);
    return value;
  };
}
