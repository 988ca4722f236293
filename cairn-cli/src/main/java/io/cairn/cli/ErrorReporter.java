package io.cairn.cli;

import io.cairn.repository.CorruptDataException;
import io.cairn.repository.NotARepositoryException;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.UnsupportedFormatException;
import io.cairn.repository.WrongPasswordException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/** Turns any exception a command throws into one line on stderr and a distinct exit code. */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        Throwable cause = unwrap(ex);
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                err.println(outOfMemory());
                err.flush();
                return ExitCode.FAILED;
            }
        }
        err.println("cairn: " + message(cause));
        if (System.getenv("CAIRN_DEBUG") != null) {
            cause.printStackTrace(err);
        }
        err.flush();
        return exitCode(cause);
    }

    /** The launcher caps the heap at half the memory (8 GiB at most); say how to raise it. */
    static String outOfMemory() {
        return "cairn: out of memory (Java heap limit " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MiB); large repositories need more: set CAIRN_JAVA_OPTS=-Xmx4g (or higher) and run again";
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.ExecutionException || t instanceof java.io.UncheckedIOException
                || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static int exitCode(Throwable t) {
        return switch (t) {
            case CliException c -> c.exitCode();
            case io.cairn.repository.lock.LockedException e -> ExitCode.LOCKED;
            case io.cairn.repository.backend.BackendAuthException e -> ExitCode.STORAGE_ACCESS_DENIED;
            case io.cairn.repository.backend.BackendUnreachableException e -> ExitCode.STORAGE_UNREACHABLE;
            case io.cairn.repository.backend.BackendMissingException e -> ExitCode.STORAGE_NOT_FOUND;
            case NotARepositoryException e -> ExitCode.NO_REPOSITORY;
            case WrongPasswordException e -> ExitCode.WRONG_PASSWORD;
            case NotFoundException e -> ExitCode.NOT_FOUND;
            case CorruptDataException e -> ExitCode.CORRUPT;
            case UnsupportedFormatException e -> ExitCode.UNSUPPORTED_FORMAT;
            case NoSuchFileException e -> ExitCode.USAGE;
            case java.nio.file.FileAlreadyExistsException e -> ExitCode.USAGE;
            default -> ExitCode.FAILED;
        };
    }

    static String message(Throwable t) {
        return switch (t) {
            case NoSuchFileException e -> "no such file or directory: " + e.getFile();
            case java.nio.file.FileAlreadyExistsException e -> e.getMessage();
            case io.fabric8.kubernetes.client.KubernetesClientException e -> "Kubernetes API: " + e.getMessage();
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            case CliException c -> c.getMessage();
            case java.io.IOException e when e.getClass().getName().startsWith("io.cairn.") -> e.getMessage();
            default -> t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        };
    }
}
