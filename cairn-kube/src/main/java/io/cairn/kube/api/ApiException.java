package io.cairn.kube.api;

import java.io.IOException;

/** The API server answered a request with an error status (or could not be reached: code 0). */
public class ApiException extends IOException {
    private final int code;
    private final String path;

    public ApiException(int code, String path, String message) {
        super(describe(code) + " (HTTP " + code + ") on " + path + (message == null || message.isBlank() ? "" : ": " + message));
        this.code = code;
        this.path = path;
    }

    public ApiException(String path, Throwable cause) {
        super("API server unreachable on " + path + ": " + cause.getMessage(), cause);
        this.code = 0;
        this.path = path;
    }

    public int code() {
        return code;
    }

    public String path() {
        return path;
    }

    public boolean isForbidden() {
        return code == 403 || code == 401;
    }

    public boolean isNotFound() {
        return code == 404;
    }

    private static String describe(int code) {
        return switch (code) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 410 -> "gone (continue token expired)";
            default -> "error";
        };
    }
}
