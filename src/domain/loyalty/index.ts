// The loyalty program's pure logic: one import for the server and sheets layers.
export * from './settings';
export * from './ledger';
export * from './order-points';
export * from './expiry';
export * from './tiers';
export * from './codes';
export * from './discounts';
export * from './referrals';
export * from './recommendations';
export * from './nightly';
export * from './night-budget';
