package org.prdarts.host;


import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Configures a fresh engine as {@code args} say and prints what PyTorch then runs with. */
public final class EngineSetupMain {

    private EngineSetupMain() {
    }

    public static void main(String[] args) {
        EngineSetup.Settings s = EngineSetup.configure(Integer.parseInt(args[0]),
                Integer.parseInt(args[1]), Long.parseLong(args[2]));
        System.out.println("settings " + s.intraOpThreads() + " " + s.interOpThreads() + " "
                + s.engineSeed() + " " + s.engine());
        System.out.println("native " + JniUtils.getNumThreads() + " " + JniUtils.getNumInteropThreads()
                + " " + Engine.getInstance().getSeed());
        try {
            EngineSetup.configure(1, 3, 0);
            System.out.println("reconfigured");
        } catch (IllegalStateException e) {
            System.out.println("refused " + e.getMessage());
        }
    }
}
