package io.skybridge.emulator.aws;

/** An EC2 API error: rendered as {@code <Response><Errors><Error><Code>…}. */
public final class Ec2Exception extends RuntimeException {
    private final String code;
    private final int status;

    public Ec2Exception(int status, String code, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public static Ec2Exception badRequest(String code, String message) {
        return new Ec2Exception(400, code, message);
    }

    public static Ec2Exception missing(String param) {
        return badRequest("MissingParameter", "The request must contain the parameter " + param);
    }

    public static Ec2Exception invalidValue(String param, String value) {
        return badRequest("InvalidParameterValue", "Invalid value '" + value + "' for " + param + ".");
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public static String render(String code, String message, String requestId) {
        return new Xml(256)
            .open("Response").open("Errors").open("Error")
            .el("Code", code).el("Message", message)
            .close("Error").close("Errors")
            .el("RequestID", requestId)
            .close("Response").toString();
    }
}
