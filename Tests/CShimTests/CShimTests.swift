import Testing
import CHiredis
import CEditline
import CLua
import CCmarkGFM

@Suite struct CShimTests {
    @Test func hiredisReaderParsesAReply() throws {
        let reader = try #require(redisReaderCreate())
        defer { redisReaderFree(reader) }
        let bytes = Array("*2\r\n$1\r\na\r\n:7\r\n".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = redisReaderFeed(reader, $0.baseAddress, $0.count) }
        }
        var reply: UnsafeMutableRawPointer?
        #expect(redisReaderGetReply(reader, &reply) == REDIS_OK)
        let parsed = try #require(reply?.assumingMemoryBound(to: redisReply.self))
        #expect(parsed.pointee.type == REDIS_REPLY_ARRAY)
        #expect(parsed.pointee.elements == 2)
        freeReplyObject(reply)
    }

    @Test func editlineHistoryKeepsEntries() {
        let history = history_init()!
        defer { history_end(history) }
        var event = HistEvent()
        _ = redislings_history_setsize(history, &event, 10)
        _ = redislings_history_enter(history, &event, "PING")
        #expect(redislings_history_first(history, &event) == 0)
        #expect(String(cString: event.str) == "PING")
    }

    @Test func luaRunsAChunk() {
        let state = luaL_newstate()!
        defer { lua_close(state) }
        #expect(luaL_loadstring(state, "return 6 * 7") == 0)
        #expect(lua_pcall(state, 0, 1, 0) == 0)
        #expect(lua_tointeger(state, -1) == 42)
    }

    @Test func cmarkParsesATable() throws {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = try #require(cmark_parser_new(CMARK_OPT_DEFAULT))
        defer { cmark_parser_free(parser) }
        let table = try #require(cmark_find_syntax_extension("table"))
        cmark_parser_attach_syntax_extension(parser, table)
        let source = "| a | b |\n|---|---|\n| 1 | 2 |\n"
        cmark_parser_feed(parser, source, source.utf8.count)
        let document = try #require(cmark_parser_finish(parser))
        defer { cmark_node_free(document) }
        let first = try #require(cmark_node_first_child(document))
        #expect(String(cString: cmark_node_get_type_string(first)) == "table")
    }
}
