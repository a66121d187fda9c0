// Which lines of a big file get code lenses once the editor says what it shows.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inWindow, LensWindows, WINDOWED_FILE_LINES, WINDOW_MARGIN_LINES } from '../../../server/src/server/lensWindow';

const lines = (first: number, last: number) => [{ start: { line: first }, end: { line: last } }];
const uri = 'file:///big.yaml';
const big = WINDOWED_FILE_LINES * 10;

describe('lens windows', () => {
  test('without word from the editor, or on a small file, every lens is sent', () => {
    const w = new LensWindows();
    assert.equal(w.windowFor(uri, big), undefined);
    w.show(uri, lines(5000, 5060));
    assert.equal(w.windowFor(uri, WINDOWED_FILE_LINES - 1), undefined);
    assert.ok(inWindow(undefined, 0, 1));
  });

  test('a big file gets lenses for the shown lines and a margin around them', () => {
    const w = new LensWindows();
    w.show(uri, lines(5000, 5060));
    const window = w.windowFor(uri, big)!;
    assert.deepEqual(window, { first: 5000 - WINDOW_MARGIN_LINES, last: 5060 + WINDOW_MARGIN_LINES });
    assert.ok(inWindow(window, 4990, 5010));
    assert.ok(inWindow(window, 3900, 4000), 'a document reaching into the window');
    assert.ok(!inWindow(window, 100, 220));
    assert.ok(!inWindow(window, 6100, 6200));
  });

  test('the window starts at line 0 near the top, and split editors of one file add up', () => {
    const w = new LensWindows();
    w.show(uri, [...lines(10, 70), ...lines(20000, 20060)]);
    assert.deepEqual(w.windowFor(uri, big), { first: 0, last: 20060 + WINDOW_MARGIN_LINES });
  });

  test('a scroll inside what was sent needs nothing; past it the editor must ask again', () => {
    const w = new LensWindows();
    assert.equal(w.show(uri, lines(5000, 5060)), false, 'nothing sent yet');
    w.windowFor(uri, big);
    assert.equal(w.show(uri, lines(5500, 5560)), false);
    assert.equal(w.show(uri, lines(7000, 7060)), true);
    w.windowFor(uri, big);
    assert.equal(w.show(uri, lines(7010, 7070)), false);
  });

  test('an editor closing the file, or no editor showing it, ends the window', () => {
    const w = new LensWindows();
    w.show(uri, lines(5000, 5060));
    w.windowFor(uri, big);
    assert.equal(w.show(uri, []), false);
    assert.equal(w.windowFor(uri, big), undefined);
    w.show(uri, lines(5000, 5060));
    w.forget(uri);
    assert.equal(w.windowFor(uri, big), undefined);
  });
});
