// PropertiesService, CacheService and LockService.
import { describe, expect, it } from 'vitest';
import {
  createCache,
  KEY_TOO_LARGE_MESSAGE,
  VALUE_TOO_LARGE_MESSAGE as CACHE_VALUE_TOO_LARGE,
} from '../../local/emulator/services/cache';
import { createLock, LOCK_TIMEOUT_MESSAGE } from '../../local/emulator/services/lock';
import {
  createProperties,
  STORE_FULL_MESSAGE,
  VALUE_TOO_LARGE_MESSAGE,
} from '../../local/emulator/services/properties';
import { makeServiceDeps } from './service-deps';

describe('PropertiesService', () => {
  it('stores strings per store; a number or boolean value is refused (Google types it String)', () => {
    const env = makeServiceDeps();
    const { globals, host } = createProperties(env.rt, env.deps);
    const script = globals.PropertiesService.getScriptProperties();
    expect(() => script.setProperty('count', 5)).toThrow("don't match the method signature");
    expect(() => script.setProperties({ flag: true })).toThrow("don't match the method signature");
    expect(script.getKeys()).toEqual([]);
    script.setProperty('count', '5').setProperty('flag', 'true');
    expect(script.getProperty('count')).toBe('5');
    expect(script.getProperties()).toEqual({ count: '5', flag: 'true' });
    expect(script.getProperty('missing')).toBeNull();
    globals.PropertiesService.getUserProperties().setProperty('lang', 'en');
    expect(script.getKeys()).toEqual(['count', 'flag']);
    expect(host.store('user:owner@studio.test')).toEqual({ lang: 'en' });
    env.setUserEmail('colleague@studio.test');
    expect(globals.PropertiesService.getUserProperties().getProperty('lang')).toBeNull();
    script.setProperties({ a: '1' }, true);
    expect(script.getProperties()).toEqual({ a: '1' });
    script.setProperties({ b: '2' });
    script.deleteProperty('a');
    expect(script.getProperties()).toEqual({ b: '2' });
    script.deleteAllProperties();
    expect(script.getKeys()).toEqual([]);
    expect(env.rt.counts.get('Properties.setProperty')).toBe(4);
  });

  it('refuses a value over 9 KB and a store over 500 KB, changing nothing', () => {
    const env = makeServiceDeps();
    const script = createProperties(env.rt, env.deps).globals.PropertiesService.getScriptProperties();
    expect(() => script.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(VALUE_TOO_LARGE_MESSAGE);
    script.setProperty('fits', 'я'.repeat(4608)); // 9 KB exactly in UTF-8
    for (let i = 0; i < 55; i += 1) script.setProperty(`k${i}`, 'x'.repeat(9000)); // 504,385 bytes with keys
    expect(() => script.setProperty('k55', 'x'.repeat(9000))).toThrow(STORE_FULL_MESSAGE);
    expect(script.getProperty('k55')).toBeNull();
  });

  it('has document properties only inside the bound document', () => {
    const env = makeServiceDeps();
    const { PropertiesService } = createProperties(env.rt, env.deps).globals;
    expect(PropertiesService.getDocumentProperties()).not.toBeNull();
    env.setContext({ kind: 'webapp', authMode: 'FULL' });
    expect(PropertiesService.getDocumentProperties()).toBeNull();
  });

  it('refuses undefined values with the signature message and survives restore', () => {
    const env = makeServiceDeps();
    const first = createProperties(env.rt, env.deps);
    const script = first.globals.PropertiesService.getScriptProperties();
    expect(() => script.setProperty('k', undefined)).toThrow(
      "don't match the method signature for Properties.setProperty",
    );
    script.setProperty('k', 'v');
    const second = createProperties(env.rt, env.deps);
    second.host.restore(JSON.parse(JSON.stringify(first.host.toJSON())));
    expect(second.globals.PropertiesService.getScriptProperties().getProperty('k')).toBe('v');
  });
});

describe('CacheService', () => {
  it('holds at most 1,000 items, evicting the oldest-written first', () => {
    const env = makeServiceDeps();
    const cache = createCache(env.rt, env.deps).globals.CacheService.getScriptCache();
    const batch: Record<string, string> = {};
    for (let i = 0; i < 999; i += 1) batch[`k${i}`] = String(i);
    cache.putAll(batch);
    cache.put('k0', 'rewritten'); // now the newest
    cache.put('extra1', 'x');
    cache.put('extra2', 'y');
    expect(cache.get('k1')).toBeNull();
    expect(cache.get('k0')).toBe('rewritten');
    expect(cache.getAll(['k2', 'extra1', 'extra2'])).toEqual({ k2: '2', extra1: 'x', extra2: 'y' });
  });

  it('expires entries on the emulator clock, default 600 s', () => {
    const env = makeServiceDeps();
    const cache = createCache(env.rt, env.deps).globals.CacheService.getScriptCache();
    cache.put('a', '1');
    cache.put('b', '2', 60);
    env.clock.advance(59_999);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ a: '1', b: '2' });
    env.clock.advance(1);
    expect(cache.get('b')).toBeNull();
    env.clock.advance(540_000);
    expect(cache.get('a')).toBeNull();
  });

  it("puts, removes in bulk and checks limits with Google's messages", () => {
    const env = makeServiceDeps();
    const { CacheService } = createCache(env.rt, env.deps).globals;
    const cache = CacheService.getUserCache();
    cache.putAll({ x: '1', y: '2', z: '3' }, 21600);
    cache.removeAll(['x', 'y']);
    cache.remove('nothing');
    expect(cache.getAll(['x', 'y', 'z'])).toEqual({ z: '3' });
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow(KEY_TOO_LARGE_MESSAGE);
    expect(() => cache.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow(CACHE_VALUE_TOO_LARGE);
    expect(() => cache.put('k', 'v', 21601)).toThrow('Invalid argument: expirationInSeconds');
    expect(() => cache.put('k', 5)).toThrow("don't match the method signature for Cache.put");
    expect(CacheService.getScriptCache().get('z')).toBeNull();
  });
});

describe('LockService', () => {
  it('denies a nested execution the lock its parent holds, spending its timeout', () => {
    const env = makeServiceDeps();
    const { LockService } = createLock(env.rt, env.deps).globals;
    env.rt.runExecution('client:sendCampaign', () => {
      const mine = LockService.getScriptLock();
      expect(mine.tryLock(1000)).toBe(true);
      expect(mine.hasLock()).toBe(true);
      const before = env.clock.now();
      env.rt.runExecution('trigger:sendCampaign', () => {
        const theirs = LockService.getScriptLock();
        expect(theirs.tryLock(5000)).toBe(false);
        expect(theirs.hasLock()).toBe(false);
        expect(() => theirs.waitLock(10_000)).toThrow(LOCK_TIMEOUT_MESSAGE);
        expect(LockService.getUserLock().tryLock(0)).toBe(true); // another lock is free
      });
      expect(env.clock.now() - before).toBe(15_000);
      expect(mine.hasLock()).toBe(true);
    });
  });

  it('releases on releaseLock and when the execution ends', () => {
    const env = makeServiceDeps();
    const { globals, host } = createLock(env.rt, env.deps);
    const { LockService } = globals;
    env.rt.runExecution('client:a', () => {
      const lock = LockService.getScriptLock();
      lock.waitLock(1000);
      lock.releaseLock();
      expect(lock.hasLock()).toBe(false);
      env.rt.runExecution('client:b', () => expect(LockService.getScriptLock().tryLock(0)).toBe(true));
      expect(LockService.getScriptLock().tryLock(0)).toBe(true);
    });
    expect(host.held()).toEqual({});
    env.rt.runExecution('client:c', () => expect(LockService.getScriptLock().tryLock(0)).toBe(true));
  });

  it('has no document lock outside the bound document', () => {
    const env = makeServiceDeps();
    const { LockService } = createLock(env.rt, env.deps).globals;
    expect(LockService.getDocumentLock()).not.toBeNull();
    env.setDocumentId(null);
    expect(LockService.getDocumentLock()).toBeNull();
    expect(env.rt.counts.get('LockService.getDocumentLock')).toBe(2);
  });
});
