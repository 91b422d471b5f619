// Promise.withResolvers (ES2024) polyfill for Node 20.
//
// Every js-libp2p 3.x release calls Promise.withResolvers(), which Node 20 does
// not have (it arrived in Node 22 / V8 12.2). This module must be imported
// before any libp2p module: peer.js imports it first, and ES modules are
// evaluated in import order, so it runs before libp2p's module bodies.
//
// Spec: https://tc39.es/ecma262/#sec-promise.withResolvers
//   1. Let C be the this value.
//   2. Let promiseCapability be ? NewPromiseCapability(C).
//   3. Return OrdinaryObjectFromProperties(promise, resolve, reject).
// NewPromiseCapability throws a TypeError when C is not a constructor, when the
// executor is called again after resolve/reject were set, and when resolve or
// reject is not callable. The property is writable, configurable, non-enumerable,
// the function has length 0, name "withResolvers", and is not a constructor
// (a method definition is not constructible).

if (typeof Promise.withResolvers !== 'function') {
  const isConstructor = (C) => {
    if (typeof C !== 'function') return false
    try {
      // Reflect.construct throws a TypeError exactly when newTarget (C) is not
      // a constructor; it runs String, never C.
      Reflect.construct(String, [], C)
      return true
    } catch {
      return false
    }
  }

  const methods = {
    withResolvers () {
      const C = this
      if (!isConstructor(C)) {
        throw new TypeError('Promise.withResolvers called on a non-constructor')
      }
      let resolve
      let reject
      const promise = new C((res, rej) => {
        if (resolve !== undefined) throw new TypeError('Promise executor has already been invoked with non-undefined arguments')
        if (reject !== undefined) throw new TypeError('Promise executor has already been invoked with non-undefined arguments')
        resolve = res
        reject = rej
      })
      if (typeof resolve !== 'function') throw new TypeError('Promise resolve function is not callable')
      if (typeof reject !== 'function') throw new TypeError('Promise reject function is not callable')
      return { promise, resolve, reject }
    }
  }

  Object.defineProperty(Promise, 'withResolvers', {
    value: methods.withResolvers,
    writable: true,
    enumerable: false,
    configurable: true
  })
}
