/**
 * Entry point of the custom-resource provider (the provider framework's onEvent handler):
 * routes each event to the module that owns its resource type.
 */
import { MODULES } from './modules';
import { dispatch } from './router';
import { createContext } from './shared/context';
import type { OnEventRequest, OnEventResponse } from './shared/types';

export async function handler(event: OnEventRequest): Promise<OnEventResponse> {
  return dispatch(event, createContext(), MODULES);
}
