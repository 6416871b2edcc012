/**
 * Entry point of the waiter provider's isComplete handler (bundled to assets/waiter). Only
 * long-running resource types have a waiter; the onEvent side is the ordinary handler.
 */
import { createContext } from './shared/context';
import type { HandlerContext, OnEventRequest, RawProperties } from './shared/types';
import { userImportJobWaiter } from './user-import-job/wait';

/** A resource type whose work goes on after onEvent returns. */
export interface Waiter<P> {
  readonly resourceType: string;
  parse(raw: RawProperties): P;
  isComplete(props: P, physicalId: string, data: { [key: string]: string }, ctx: HandlerContext): Promise<boolean>;
}

export const WAITERS: ReadonlyArray<Waiter<any>> = [userImportJobWaiter];

export interface IsCompleteRequest extends OnEventRequest {
  readonly Data?: { [key: string]: string };
}

export async function checkComplete(event: IsCompleteRequest, ctx: HandlerContext, waiters = WAITERS): Promise<{ IsComplete: boolean }> {
  if (event.RequestType === 'Delete') return { IsComplete: true };
  const waiter = waiters.find((w) => w.resourceType === event.ResourceType);
  if (!waiter) return { IsComplete: true };
  const { ServiceToken: _token, ...raw } = event.ResourceProperties;
  try {
    return { IsComplete: await waiter.isComplete(waiter.parse(raw), event.PhysicalResourceId ?? '', event.Data ?? {}, ctx) };
  } catch (error) {
    ctx.log.error(`${event.RequestType} ${event.ResourceType} failed`, { message: (error as Error).message });
    throw error;
  }
}

export async function isComplete(event: IsCompleteRequest): Promise<{ IsComplete: boolean }> {
  return checkComplete(event, createContext());
}
