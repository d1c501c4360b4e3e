// Writing properties of objects built from user data (headers, JSON keys, parameters): names such as `__proto__` stay plain data. Pure.

/** Sets an own enumerable property, so a key such as `__proto__` is kept as data and never changes the prototype. */
export function setOwn<T>(o: Record<string, T>, k: string, v: T): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
