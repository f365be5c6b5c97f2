package org.publicbudget.ledger.app.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * HTTP written by hand on a socket, for what no client library sends: a body that
 * never ends, a sender on another loopback address (127.0.0.2 is another client to
 * the ledger), a request line of the attacker's choosing.
 */
public final class RawHttp {

    private static final int BLOCK = 64 * 1024;

    private RawHttp() {
    }

    public static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A connection to the ledger from {@code from}, one of the loopback addresses, or from 127.0.0.1 when null. */
    public static Socket connect(int port, String from) throws IOException {
        Socket socket = new Socket();
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    /** Sends {@code head} (request line and headers, one per line) with {@code Connection: close} and returns the whole answer. */
    public static String exchange(int port, String from, String head) {
        return exchange(port, from, head, "");
    }

    /** The same, with a body (give its Content-Length in {@code head}). */
    public static String exchange(int port, String from, String head, String body) {
        try (Socket socket = connect(port, from)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head.strip() + "\r\nHost: ledger\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int upload(int port, String head, long bytes, boolean chunked) {
        return upload(port, head, "", bytes, chunked);
    }

    /**
     * Sends {@code head}, then a body of {@code start} followed by {@code a…}, {@code bytes}
     * bytes in all, as fast as the ledger takes them, with a Content-Length or, when
     * {@code chunked}, in chunks. Returns the answer's status, or -1 when the connection
     * was cut without one.
     */
    public static int upload(int port, String head, String start, long bytes, boolean chunked) {
        return status(uploaded(port, head, start, bytes, chunked));
    }

    /** As {@link #upload(int, String, String, long, boolean)}, the whole answer (empty when the connection was cut without one). */
    public static String uploaded(int port, String head, String start, long bytes, boolean chunked) {
        byte[] first = start.getBytes(StandardCharsets.UTF_8);
        String framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + bytes;
        try (Socket socket = connect(port, null)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write((head.strip() + "\r\nHost: ledger\r\n" + framing + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[BLOCK];
            Arrays.fill(block, (byte) 'a');
            byte[] chunkHead = (Integer.toHexString(BLOCK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
            try {
                if (chunked && first.length > 0) {
                    out.write((Integer.toHexString(first.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(first);
                    out.write(crlf);
                } else {
                    out.write(first);
                }
                for (long sent = first.length; sent < bytes; sent += BLOCK) {
                    if (chunked) {
                        out.write(chunkHead);
                        out.write(block);
                        out.write(crlf);
                    } else {
                        out.write(block, 0, (int) Math.min(BLOCK, bytes - sent));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException cut) {
                // the ledger stopped reading: its answer, if it gave one, is waiting below
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (IOException reset) {
                // the ledger closed the connection: what arrived before is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The status code of the answer arriving on {@code in}, or -1 when none comes. */
    public static int status(InputStream in) throws IOException {
        byte[] line = new byte[12];
        int read = in.readNBytes(line, 0, line.length);
        if (read < line.length) {
            return -1;
        }
        return Integer.parseInt(new String(line, 9, 3, StandardCharsets.US_ASCII));
    }

    public static int status(String answer) {
        return answer.length() < 12 ? -1 : Integer.parseInt(answer.substring(9, 12));
    }
}
