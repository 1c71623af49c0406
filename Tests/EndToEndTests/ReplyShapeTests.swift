import RESP
import Testing
@testable import RedislingsTestSupport

/// The differential fuzzer's rule for when two replies have the same structure.
struct ReplyShapeTests {
    private func bulks(_ words: String...) -> [RESPValue] { words.map { .bulkString(Array($0.utf8)) } }

    @Test func aFlatArrayWhereRedisSendsAMapDiffers() {
        let map = RESPValue.map(bulks("flags") + [.set(bulks("on"))])
        #expect(!ReplyShape.agree(map, .array(bulks("flags") + [.array(bulks("on"))])))
        #expect(!ReplyShape.agree(map, .map(bulks("flags") + [.array(bulks("on"))])), "a set inside sent as an array")
        #expect(ReplyShape.agree(map, .map(bulks("flags") + [.set(bulks("on", "nopass"))])))
    }

    @Test func aBulkStringWhereRedisSendsADoubleDiffers() {
        let expected = RESPValue.map(bulks("age-seconds") + [.double(0.5)])
        #expect(!ReplyShape.agree(expected, .map(bulks("age-seconds", "0.5"))))
        #expect(ReplyShape.agree(expected, .map(bulks("age-seconds") + [.double(2)])))
    }

    @Test func mapsAgreeKeyByKeyInAnyOrder() {
        let redis = RESPValue.map(bulks("a") + [.integer(1)] + bulks("b", "x"))
        #expect(ReplyShape.agree(redis, .map(bulks("b", "y") + bulks("a") + [.integer(2)])))
        #expect(!ReplyShape.agree(redis, .map(bulks("b", "y") + bulks("c") + [.integer(2)])), "a key of one map only")
    }

    /// COMMAND INFO lists the table in hash order: the same entries in another order agree,
    /// different entries do not.
    @Test func equalSizedArraysAgreeInAnyOrderOnlyWithTheSameElements() {
        let get = RESPValue.array(bulks("get") + [.integer(2), .set([.simpleString("readonly")])])
        let ping = RESPValue.array(bulks("ping") + [.integer(-1), .set([])])
        #expect(ReplyShape.agree(.array([get, ping]), .array([ping, get])))
        let pingAsArray = RESPValue.array(bulks("ping") + [.integer(-1), .array([])])
        #expect(!ReplyShape.agree(.array([get, ping]), .array([pingAsArray, get])))
    }

    /// Random counts and scan pages: sizes differ, and an empty aggregate agrees with any.
    @Test func arraysOfDifferentSizesCompareTheirFirstElementsKinds() {
        #expect(ReplyShape.agree(.array(bulks("a", "b")), .array(bulks("c"))))
        // COMMAND INFO of every command, one server knowing a command more: other commands first.
        #expect(ReplyShape.agree(.array([.array([.map([])]), .array([])]), .array([.array(bulks("x"))])))
        #expect(ReplyShape.agree(.array([]), .array(bulks("c"))))
        #expect(!ReplyShape.agree(.array(bulks("a", "b")), .array([.integer(1)])))
        #expect(!ReplyShape.agree(.array([]), .set([])), "the kind still counts")
    }

    @Test func theDescriptionShowsTheStructure() {
        let value = RESPValue.map(bulks("flags") + [.set(bulks("on"))] + bulks("passwords") + [.array([])])
        #expect(ReplyShape.describe(value) == "map{flags:set{bulk},passwords:array}")
    }
}
