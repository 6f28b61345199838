/** A value computed on first use and then kept (the computation may be async). */
export function lazy<T>(create: () => T): { readonly value: T; readonly created: boolean } {
  let created = false;
  let value: T;
  return {
    get value() {
      if (!created) {
        value = create();
        created = true;
      }
      return value;
    },
    get created() {
      return created;
    },
  };
}
