import { describe, expect, it } from 'vitest';
import { CHANNEL_NAME, relayPaths, relayRouteOf, splitEventsUrl, type RelayRoute } from '../../../src-shared/relay/relay-wire.ts';

// The relay's router, its CLI and the console's settings form all read paths through relayPaths:
// these pin that reading them back gives the route and channel each was built from.
describe('relay paths', () => {
  it('reads every route back from the path relayPaths builds for it', () => {
    for (const route of Object.keys(relayPaths) as RelayRoute[]) {
      for (const channel of ['ops', 'team-a_2', 'x']) expect(relayRouteOf(relayPaths[route](channel))).toEqual({ route, channel });
    }
  });

  it('ignores empty segments, as the router always has', () => {
    expect(relayRouteOf('/hooks/ops/')).toEqual({ route: 'ingest', channel: 'ops' });
    expect(relayRouteOf('//channels//ops/events')).toEqual({ route: 'events', channel: 'ops' });
  });

  it('names the route even for a channel no one may create, so the relay can say which was wrong', () => {
    expect(relayRouteOf('/hooks/Not_A_Channel')).toEqual({ route: 'ingest', channel: 'Not_A_Channel' });
    expect(CHANNEL_NAME.test('Not_A_Channel')).toBe(false);
  });

  it('answers null for every other path', () => {
    for (const path of ['/', '/hooks', '/hooks/ops/more', '/channels/ops', '/channels/ops/other', '/channels/ops/events/x', '/admin/stats', '/healthz', '/ops/hooks']) {
      expect(relayRouteOf(path), path).toBeNull();
    }
  });
});

describe('splitEventsUrl', () => {
  it('splits our relay stream URL into base and channel, and relayPaths joins them again', () => {
    const url = `https://relay.example.com/team${relayPaths.events('ops')}`;
    expect(splitEventsUrl(url)).toEqual({ base: 'https://relay.example.com/team', channel: 'ops' });
    expect(splitEventsUrl('http://127.0.0.1:8080/channels/a/channels/b/events')).toEqual({ base: 'http://127.0.0.1:8080/channels/a', channel: 'b' });
  });

  it('keeps a URL that is not one of ours whole (a smee channel, a bad channel name)', () => {
    for (const url of ['https://smee.io/AbCdEf123', 'https://relay.example.com/channels/Ops/events', 'https://relay.example.com/channels//events', 'https://relay.example.com/channels/ops/ws']) {
      expect(splitEventsUrl(url), url).toBeNull();
    }
  });
});
