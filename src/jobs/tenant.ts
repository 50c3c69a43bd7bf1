/**
 * Tenants: every job belongs to the tenant (a group of API keys) that submitted it. This module is the
 * one place a job's owner is compared with the caller's, so every route and every backend answer the
 * same way: another tenant's job is exactly as absent as one that never existed (no existence oracle).
 */

/** The tenant of anonymous callers (no API keys configured) and of jobs stored before tenants existed. */
export const DEFAULT_TENANT = 'default';

/** What a tenant name may look like (it is part of Redis keys and SQLite rows, never of a path). */
export const TENANT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * The record when `tenant` owns it, otherwise undefined (the caller then answers "not found").
 * @param record - a stored job (or anything carrying its tenant), undefined when unknown
 * @param tenant - the caller's tenant
 */
export function ownedBy<T extends { readonly tenant: string }>(
  record: T | undefined,
  tenant: string,
): T | undefined {
  return record !== undefined && record.tenant === tenant ? record : undefined;
}
